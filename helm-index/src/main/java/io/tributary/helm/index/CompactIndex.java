package io.tributary.helm.index;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A binary form of a {@link HelmIndex} that loads without any YAML parsing: length-prefixed UTF-8 strings in a fixed
 * field order, versions already sorted, then the skipped entries. What the catalog keeps on disk for indexes it does not
 * hold in memory.
 */
public final class CompactIndex {

    private static final int MAGIC = 0x54484932; // "THI2"; "THI1" files (no skipped entries) read as unreadable, and are rebuilt

    private CompactIndex() {
    }

    public static void write(HelmIndex index, OutputStream target) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(target, 65536));
        out.writeInt(MAGIC);
        string(out, index.apiVersion());
        string(out, index.generated());
        out.writeInt(index.charts().size());
        for (Map.Entry<String, List<ChartVersion>> chart : index.charts().entrySet()) {
            string(out, chart.getKey());
            out.writeInt(chart.getValue().size());
            for (ChartVersion v : chart.getValue()) {
                string(out, v.name());
                string(out, v.version());
                string(out, v.appVersion());
                string(out, v.description());
                string(out, v.digest());
                string(out, v.created());
                strings(out, v.urls());
                strings(out, v.keywords());
                out.writeBoolean(v.deprecated());
                string(out, v.home());
                string(out, v.icon());
            }
        }
        out.writeInt(index.skipped().size());
        for (SkippedEntry skipped : index.skipped()) {
            string(out, skipped.chart());
            string(out, skipped.version());
            string(out, skipped.reason());
        }
        out.flush();
    }

    public static HelmIndex read(InputStream source) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(source, 65536));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a compact Helm index");
        }
        String apiVersion = string(in);
        String generated = string(in);
        int charts = in.readInt();
        Map<String, List<ChartVersion>> entries = new LinkedHashMap<>(charts * 2);
        for (int c = 0; c < charts; c++) {
            String chart = string(in);
            int count = in.readInt();
            List<ChartVersion> versions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                versions.add(new ChartVersion(string(in), string(in), string(in), string(in), string(in), string(in), strings(in),
                        strings(in), in.readBoolean(), string(in), string(in)));
            }
            entries.put(chart, List.copyOf(versions));
        }
        int skippedCount = in.readInt();
        List<SkippedEntry> skipped = new ArrayList<>(skippedCount);
        for (int i = 0; i < skippedCount; i++) {
            skipped.add(new SkippedEntry(string(in), string(in), string(in)));
        }
        return new HelmIndex(apiVersion, generated, entries, skipped);
    }

    private static void string(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String string(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void strings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            string(out, value);
        }
    }

    private static List<String> strings(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count == 0) {
            return List.of();
        }
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(string(in));
        }
        return List.copyOf(values);
    }
}
