/**
 * The appliance's HTTP server: the status page, the WebRTC live view and its WHEP signalling, and
 * the status API.
 *
 * <ul>
 *   <li>{@link io.camappliance.web.WebServer}: starts and stops the server; routes, access token,
 *       security headers.
 *   <li>{@link io.camappliance.web.WhepHandler}, {@link io.camappliance.web.WhepAnswer}, {@link
 *       io.camappliance.web.WhepException}: what the WHEP routes need from the WebRTC side, which
 *       the composition root adapts to them.
 * </ul>
 *
 * The pages are plain HTML with scripts in separate files (the Content-Security-Policy allows no
 * inline script), no framework and nothing fetched from elsewhere.
 */
package io.camappliance.web;
