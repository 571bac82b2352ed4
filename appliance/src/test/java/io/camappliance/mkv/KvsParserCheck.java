package io.camappliance.mkv;

import com.amazonaws.kinesisvideo.parser.ebml.InputStreamParserByteSource;
import com.amazonaws.kinesisvideo.parser.mkv.MkvDataElement;
import com.amazonaws.kinesisvideo.parser.mkv.MkvElementVisitException;
import com.amazonaws.kinesisvideo.parser.mkv.MkvElementVisitor;
import com.amazonaws.kinesisvideo.parser.mkv.MkvEndMasterElement;
import com.amazonaws.kinesisvideo.parser.mkv.MkvStartMasterElement;
import com.amazonaws.kinesisvideo.parser.mkv.StreamingMkvReader;
import com.amazonaws.kinesisvideo.parser.mkv.visitors.CompositeMkvElementVisitor;
import com.amazonaws.kinesisvideo.parser.utilities.FragmentMetadataVisitor;
import com.amazonaws.kinesisvideo.parser.utilities.FrameVisitor;
import com.amazonaws.kinesisvideo.parser.utilities.MkvTrackMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an MKV stream with the official KVS parser library ({@code StreamingMkvReader} with a
 * {@code FragmentMetadataVisitor}) and reports what it saw, failing when a SimpleBlock does not
 * resolve to track metadata with CodecPrivate, width and height.
 */
public final class KvsParserCheck {

  /** What the parser saw. */
  public record Result(int clusters, int frames, int keyframes, List<String> problems) {}

  private KvsParserCheck() {}

  public static Result read(InputStream in) throws IOException {
    FragmentMetadataVisitor metadata = FragmentMetadataVisitor.create();
    int[] clusters = {0};
    int[] frames = {0};
    int[] keyframes = {0};
    List<String> problems = new ArrayList<>();
    MkvElementVisitor clusterCounter =
        new MkvElementVisitor() {
          @Override
          public void visit(MkvStartMasterElement e) {
            if ("Cluster".equals(e.getElementMetaData().getTypeInfo().getName())) {
              clusters[0]++;
            }
          }

          @Override
          public void visit(MkvEndMasterElement e) {}

          @Override
          public void visit(MkvDataElement e) {}
        };
    FrameVisitor frameVisitor =
        FrameVisitor.create(
            new FrameVisitor.FrameProcessor() {
              @Override
              public void process(
                  com.amazonaws.kinesisvideo.parser.mkv.Frame frame,
                  MkvTrackMetadata track,
                  java.util.Optional<com.amazonaws.kinesisvideo.parser.utilities.FragmentMetadata>
                      fragment) {
                frames[0]++;
                if (frame.isKeyFrame()) {
                  keyframes[0]++;
                }
                MkvTrackMetadata m = metadata.getMkvTrackMetadata(frame.getTrackNumber());
                if (m == null
                    || m.getCodecPrivateData() == null
                    || m.getCodecPrivateData().remaining() == 0
                    || m.getPixelWidth().isEmpty()
                    || m.getPixelHeight().isEmpty()) {
                  problems.add("frame " + frames[0] + " has no complete track metadata: " + m);
                }
              }
            });
    StreamingMkvReader reader =
        StreamingMkvReader.createDefault(new InputStreamParserByteSource(in));
    try {
      reader.apply(new CompositeMkvElementVisitor(metadata, clusterCounter, frameVisitor));
    } catch (MkvElementVisitException e) {
      problems.add("parser failed: " + e);
    }
    return new Result(clusters[0], frames[0], keyframes[0], problems);
  }
}
