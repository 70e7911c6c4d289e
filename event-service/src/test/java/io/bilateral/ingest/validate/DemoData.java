package io.bilateral.ingest.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The demo data set: the seed article's facts, one event per line. */
public final class DemoData {

    public static final Path FILE = Path.of("..", "demo", "belgium-china.ndjson");

    private DemoData() {
    }

    public static List<String> lines() {
        try {
            return Files.readAllLines(FILE).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
