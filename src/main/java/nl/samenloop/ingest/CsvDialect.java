package nl.samenloop.ingest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nl.samenloop.storage.Location;
import nl.samenloop.storage.Storage;

/**
 * What a CSV file looks like (spec data-layout.md: header row; ',' or ';' separator, detected; UTF-8 or
 * Windows-1252). The encoding is UTF-8 when the WHOLE file decodes as UTF-8, otherwise Windows-1252 —
 * cp1252 text with accents (é = 0xE9) is almost never valid UTF-8, and a streaming check of every byte
 * costs far less than the Spark read. The separator is the more frequent of ';' and ',' in the header.
 */
public record CsvDialect(Charset charset, char separator, List<String> header) {
    public static final Charset CP1252 = Charset.forName("windows-1252");

    public static CsvDialect detect(Path file) {
        return detect(Location.local(file));
    }

    /** As {@link #detect(Path)} for a file on any file system (read on the driver through Hadoop's FileSystem). */
    public static CsvDialect detect(Location file) {
        Charset cs = isUtf8(file) ? StandardCharsets.UTF_8 : CP1252;
        String line = firstLine(file, cs);
        if (line == null || line.isBlank()) {
            throw new IngestException(file + ": empty CSV file (no header row)");
        }
        if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
            line = line.substring(1);
        }
        long semis = line.chars().filter(c -> c == ';').count();
        long commas = line.chars().filter(c -> c == ',').count();
        char sep = semis > commas ? ';' : ',';
        return new CsvDialect(cs, sep, splitHeader(line, sep));
    }

    static boolean isUtf8(Location file) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        CharBuffer out = CharBuffer.allocate(1 << 16);
        try (InputStream is = Storage.open(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = is.read(buf, 0, in.remaining())) > 0) {
                in.put(buf, 0, n);
                in.flip();
                CoderResult r = dec.decode(in, out, false);
                if (r.isError()) {
                    return false;
                }
                in.compact();
                out.clear();
            }
            in.flip();
            CoderResult r = dec.decode(in, out, true);
            if (r.isError()) {
                return false;
            }
            return !dec.flush(out).isError();
        } catch (IOException e) {
            throw new IngestException(file + ": unreadable file (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String firstLine(Location file, Charset cs) {
        try (InputStream is = new BufferedInputStream(Storage.open(file))) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = is.read()) >= 0 && c != '\n') {
                b.write(c);
            }
            if (b.size() == 0 && c < 0) {
                return null;
            }
            String s = cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(b.toByteArray())).toString();
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        } catch (CharacterCodingException e) {
            throw new IngestException(file + ": undecodable header row");
        } catch (IOException e) {
            throw new IngestException(file + ": unreadable file (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Header fields, honouring double quotes; names are trimmed and unquoted. */
    static List<String> splitHeader(String line, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (ch == sep && !quoted) {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString().trim());
        return out;
    }
}
