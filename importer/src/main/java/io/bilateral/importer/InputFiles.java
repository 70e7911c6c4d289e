package io.bilateral.importer;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipInputStream;

/**
 * A file to import, read as a stream of lines, whatever its compression: plain, gzip, or a zip
 * archive holding one file (what GDELT ships: {@code 20150218230000.export.CSV.zip}). Known by
 * its first bytes, not its name.
 */
public final class InputFiles {

    private static final int GZIP_MAGIC = 0x1f8b;
    private static final int ZIP_MAGIC = 0x504b0304;

    private InputFiles() {
    }

    public static BufferedReader open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            return new BufferedReader(new InputStreamReader(decompressed(in, file),
                    // A mangled byte in a name or URL must not end the import: it becomes U+FFFD.
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                            .onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static InputStream decompressed(InputStream in, Path file) throws IOException {
        in.mark(4);
        byte[] head = in.readNBytes(4);
        in.reset();
        int first2 = head.length >= 2 ? ((head[0] & 0xff) << 8) | (head[1] & 0xff) : -1;
        int first4 = head.length == 4 ? (first2 << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff) : -1;
        if (first2 == GZIP_MAGIC) {
            return new GZIPInputStream(in, 1 << 16);
        }
        if (first4 == ZIP_MAGIC) {
            ZipInputStream zip = new ZipInputStream(in);
            if (zip.getNextEntry() == null) {
                throw new IOException(file + " is an empty zip archive");
            }
            return zip;
        }
        return in;
    }
}
