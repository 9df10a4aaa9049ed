package nl.samenloop.generate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A minimal, correct SPSS system-file (.sav) writer: uncompressed, little-endian, UTF-8. Numeric columns
 * are F8.0 doubles (empty → system-missing), string columns fixed-width A&lt;w&gt; padded with blanks. Layout as
 * in the PSPP developers' guide "System File Format": file header (176 bytes), one variable record per
 * 8-byte segment (strings wider than 8 get continuation records of type -1), machine integer (7/3) and
 * floating-point (7/4) info, long variable names (7/13) because CBS names exceed 8 characters, character
 * encoding (7/20), dictionary end (999), then the cases. The case count is unknown while streaming, so the
 * header is patched on close.
 */
final class SavTableWriter implements TableWriter {
    private static final double SYSMIS = -Double.MAX_VALUE;
    private static final int NCASES_OFFSET = 4 + 60 + 4 + 4 + 4 + 4;
    private static final int FORMAT_A = 1;
    private static final int FORMAT_F = 5;

    private final Path file;
    private final TableSchema schema;
    private final OutputStream out;
    private final int[] segments;
    private final ByteBuffer caseBuf;
    private long rows;

    SavTableWriter(Path file, TableSchema schema, int year) throws IOException {
        this.file = file;
        this.schema = schema;
        this.segments = new int[schema.size()];
        int caseSize = 0;
        for (int i = 0; i < schema.size(); i++) {
            TableSchema.Column c = schema.columns().get(i);
            segments[i] = c.type() == TableSchema.Type.NUMBER ? 1 : (c.width() + 7) / 8;
            caseSize += segments[i];
        }
        this.caseBuf = ByteBuffer.allocate(caseSize * 8).order(ByteOrder.LITTLE_ENDIAN);
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        out.write(dictionary(caseSize, year));
    }

    private byte[] dictionary(int caseSize, int year) {
        Buf b = new Buf();
        // File header. The creation date is fixed by the data year so equal specs give equal bytes.
        b.text("$FL2", 4);
        b.text("@(#) SPSS DATA FILE Samenloop synthetic generator", 60);
        b.i32(2);               // layout code
        b.i32(caseSize);        // nominal case size in 8-byte segments
        b.i32(0);               // not compressed
        b.i32(0);               // not weighted
        b.i32(-1);              // case count, patched on close
        b.f64(100.0);           // compression bias
        b.text(String.format("31 Dec %02d", year % 100), 9);
        b.text("00:00:00", 8);
        b.text(schema.table(), 64);
        b.zeros(3);
        List<String> shortNames = shortNames();
        for (int i = 0; i < schema.size(); i++) {
            TableSchema.Column c = schema.columns().get(i);
            boolean num = c.type() == TableSchema.Type.NUMBER;
            int fmt = num ? (FORMAT_F << 16) | (8 << 8) : (FORMAT_A << 16) | (c.width() << 8);
            b.i32(2);
            b.i32(num ? 0 : c.width());
            b.i32(0);           // no variable label
            b.i32(0);           // no missing values
            b.i32(fmt);
            b.i32(fmt);
            b.text(shortNames.get(i), 8);
            for (int s = 1; s < segments[i]; s++) {
                b.i32(2);
                b.i32(-1);      // continuation of a long string
                b.i32(0);
                b.i32(0);
                b.i32(0);
                b.i32(0);
                b.text("", 8);
            }
        }
        // Machine integer info: version 1.0.0, machine -1, IEEE 754, compression 1, little-endian, UTF-8.
        b.i32(7); b.i32(3); b.i32(4); b.i32(8);
        for (int v : new int[] {1, 0, 0, -1, 1, 1, 2, 65001}) {
            b.i32(v);
        }
        // Machine floating-point info: sysmis, highest, lowest.
        b.i32(7); b.i32(4); b.i32(8); b.i32(3);
        b.f64(SYSMIS);
        b.f64(Double.MAX_VALUE);
        b.f64(Math.nextUp(-Double.MAX_VALUE));
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < schema.size(); i++) {
            if (i > 0) {
                names.append('\t');
            }
            names.append(shortNames.get(i)).append('=').append(schema.columns().get(i).name());
        }
        byte[] nb = names.toString().getBytes(StandardCharsets.UTF_8);
        b.i32(7); b.i32(13); b.i32(1); b.i32(nb.length);
        b.bytes(nb);
        byte[] enc = "UTF-8".getBytes(StandardCharsets.US_ASCII);
        b.i32(7); b.i32(20); b.i32(1); b.i32(enc.length);
        b.bytes(enc);
        b.i32(999);
        b.i32(0);
        return b.toArray();
    }

    /** Unique upper-case names of at most 8 characters: the first 8, or a prefix plus a counter. */
    private List<String> shortNames() {
        Set<String> used = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (TableSchema.Column c : schema.columns()) {
            String base = c.name().toUpperCase();
            String s = base.length() <= 8 ? base : base.substring(0, 8);
            for (int k = 1; used.contains(s); k++) {
                String suffix = Integer.toString(k);
                s = base.substring(0, Math.min(base.length(), 8 - suffix.length())) + suffix;
            }
            used.add(s);
            out.add(s);
        }
        return out;
    }

    @Override
    public void write(String[] row) throws IOException {
        caseBuf.clear();
        for (int i = 0; i < segments.length; i++) {
            TableSchema.Column c = schema.columns().get(i);
            String v = row[i];
            if (c.type() == TableSchema.Type.NUMBER) {
                double d = SYSMIS;
                if (v != null && !v.isEmpty()) {
                    try {
                        d = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(file.getFileName() + ": column " + c.name()
                                + " is numeric in the SPSS layout but got a non-number");
                    }
                }
                caseBuf.putDouble(d);
            } else {
                byte[] s = v == null ? new byte[0] : v.getBytes(StandardCharsets.UTF_8);
                if (s.length > c.width()) {
                    throw new IllegalArgumentException(file.getFileName() + ": value too wide for column " + c.name()
                            + " (A" + c.width() + ")");
                }
                caseBuf.put(s);
                for (int k = s.length; k < segments[i] * 8; k++) {
                    caseBuf.put((byte) ' ');
                }
            }
        }
        out.write(caseBuf.array(), 0, caseBuf.position());
        rows++;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        out.close();
        if (rows > Integer.MAX_VALUE) {
            return; // leave -1 (unknown): the format's case count is a 32-bit integer
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer n = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) rows);
            n.flip();
            ch.write(n, NCASES_OFFSET);
        }
    }

    /** Little-endian byte builder for the dictionary. */
    private static final class Buf {
        private ByteBuffer bb = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);

        private void room(int n) {
            if (bb.remaining() < n) {
                ByteBuffer nb = ByteBuffer.allocate(Math.max(bb.capacity() * 2, bb.position() + n)).order(ByteOrder.LITTLE_ENDIAN);
                bb.flip();
                nb.put(bb);
                bb = nb;
            }
        }

        void i32(int v) {
            room(4);
            bb.putInt(v);
        }

        void f64(double v) {
            room(8);
            bb.putDouble(v);
        }

        void zeros(int n) {
            room(n);
            for (int i = 0; i < n; i++) {
                bb.put((byte) 0);
            }
        }

        void bytes(byte[] v) {
            room(v.length);
            bb.put(v);
        }

        /** Text padded with blanks (or cut) to exactly {@code n} bytes. */
        void text(String s, int n) {
            byte[] v = s.getBytes(StandardCharsets.US_ASCII);
            room(n);
            for (int i = 0; i < n; i++) {
                bb.put(i < v.length ? v[i] : (byte) ' ');
            }
        }

        byte[] toArray() {
            byte[] a = new byte[bb.position()];
            bb.flip();
            bb.get(a);
            return a;
        }
    }
}
