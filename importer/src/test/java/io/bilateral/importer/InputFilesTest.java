package io.bilateral.importer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class InputFilesTest {

    private static final String ROWS = "1\tfirst\n2\tsecond – ü\n";

    @TempDir
    Path dir;

    private static List<String> lines(Path file) throws IOException {
        try (BufferedReader in = InputFiles.open(file)) {
            return in.lines().toList();
        }
    }

    @Test
    void plainFile_isReadLineByLine() throws IOException {
        Path file = Files.writeString(dir.resolve("rows.CSV"), ROWS);
        assertThat(lines(file)).containsExactly("1\tfirst", "2\tsecond – ü");
    }

    @Test
    void gzipFile_isRecognisedByItsFirstBytes_whateverItsName() throws IOException {
        Path file = dir.resolve("rows.CSV");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(ROWS.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(lines(file)).containsExactly("1\tfirst", "2\tsecond – ü");
    }

    @Test
    void zipArchive_asGdeltShipsIt_isReadFromItsFile() throws IOException {
        Path file = dir.resolve("20250314120000.export.CSV.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            out.putNextEntry(new ZipEntry("20250314120000.export.CSV"));
            out.write(ROWS.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        assertThat(lines(file)).containsExactly("1\tfirst", "2\tsecond – ü");
    }

    @Test
    void malformedUtf8_becomesAReplacementCharacter_notAFailure() throws IOException {
        Path file = Files.write(dir.resolve("bad.CSV"), new byte[] {'a', (byte) 0xC3, '\t', 'b', '\n'});
        assertThat(lines(file)).containsExactly("a\uFFFD\tb");
    }

    @Test
    void emptyFile_hasNoLines() throws IOException {
        assertThat(lines(Files.createFile(dir.resolve("empty.CSV")))).isEmpty();
    }
}
