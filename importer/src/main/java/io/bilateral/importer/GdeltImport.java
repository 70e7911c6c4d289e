package io.bilateral.importer;

import io.bilateral.importer.gdelt.GdeltRowConverter;
import io.bilateral.importer.gdelt.SkipReason;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Imports a GDELT 2.0 event export: reads it a line at a time, converts each row
 * ({@link GdeltRowConverter}), and per chunk of rows asks query-service which of the chunk's
 * facts are recorded already and posts the others to event-service as one batch. Prints
 * progress after each chunk and a report at the end, to the given stream.
 *
 * <p>Importing a file again records nothing new: each fact's ids derive from its GLOBALEVENTID,
 * the facts query-service knows are not posted, and an event that reaches the log twice anyway
 * (posted while the projection had not yet applied the first) is applied once.
 *
 * <pre>
 * java -cp 'bilateral-import.jar:lib/*' io.bilateral.importer.GdeltImport \
 *     --events http://localhost:8081 --queries http://localhost:8082 [--token JWT] [--chunk 5000] FILE
 * </pre>
 * The token defaults to the environment's {@code BILATERAL_TOKEN}.
 */
public final class GdeltImport {

    public static final int DEFAULT_CHUNK_ROWS = 5_000;

    /** Where to post and ask, with which token, how many rows per batch, and the file (plain, .gz or .zip). */
    public record Options(URI events, URI queries, String token, int chunkRows, Path file) {

        public Options {
            if (chunkRows < 1) {
                throw new IllegalArgumentException("--chunk must be at least 1");
            }
        }
    }

    private final Options options;
    private final PrintStream out;
    private final GdeltRowConverter converter = new GdeltRowConverter();
    private final EventServiceClient events;
    private final KnownFactsClient known;
    private final ImportReport report = new ImportReport();
    /** GLOBALEVENTIDs of the file so far: eight bytes and a set entry per row, never the rows. */
    private final Set<Long> seen = new HashSet<>();

    private GdeltImport(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
        // HTTP/1.1: over plain http the client's default (HTTP/2) first tries an upgrade, which buys nothing here.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        this.events = new EventServiceClient(http, options.events(), options.token());
        this.known = new KnownFactsClient(http, options.queries(), options.token());
    }

    /** Runs the import; throws {@link ImportFailedException} if a service refuses, with what was done so far printed. */
    public static ImportReport run(Options options, PrintStream progress) throws IOException {
        return new GdeltImport(options, progress).run();
    }

    private ImportReport run() throws IOException {
        out.println("[import] " + options.file() + " (" + String.format("%,d", Files.size(options.file())) + " bytes) into "
                + options.events() + ", " + options.chunkRows() + " rows a batch");
        List<ImportedFact> chunk = new ArrayList<>();
        int rowsInChunk = 0;
        try (BufferedReader lines = InputFiles.open(options.file())) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                report.read();
                add(converter.convert(line), chunk);
                if (++rowsInChunk == options.chunkRows()) {
                    flush(chunk);
                    rowsInChunk = 0;
                }
            }
            if (rowsInChunk > 0) {
                flush(chunk);
            }
        } catch (ImportFailedException e) {
            out.println("[import] stopped after " + report.progress() + ": " + e.getMessage());
            throw e;
        }
        report.finish();
        out.println("[import] " + report.summary());
        return report;
    }

    private void add(GdeltRowConverter.Result result, List<ImportedFact> chunk) {
        if (result instanceof GdeltRowConverter.Skipped skipped) {
            report.skip(skipped.reason());
        } else if (result instanceof GdeltRowConverter.Converted converted) {
            if (seen.add(converted.gdeltEventId())) {
                chunk.add(converted.fact());
            } else {
                report.skip(SkipReason.REPEATED_IN_FILE);
            }
        }
    }

    /** Posts what query-service does not know of the chunk, then says how far the import got. */
    private void flush(List<ImportedFact> chunk) {
        if (!chunk.isEmpty()) {
            Set<String> recorded = known.known(chunk.stream().map(ImportedFact::factId).toList());
            List<ImportedFact> fresh = chunk.stream().filter(f -> !recorded.contains(f.factId())).toList();
            report.alreadyKnown(chunk.size() - fresh.size());
            if (!fresh.isEmpty()) {
                report.recorded(events.post(fresh));
            }
            chunk.clear();
        }
        out.println("[import] " + report.progress());
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("[import] " + e.getMessage());
            System.err.println("usage: GdeltImport --events URL --queries URL [--token JWT] [--chunk ROWS] FILE");
            System.exit(2);
            return;
        }
        try {
            run(options, System.err);
        } catch (ImportFailedException | IOException e) {
            System.err.println("[import] failed: " + e.getMessage());
            System.exit(1);
        }
    }

    static Options parse(String[] args) {
        URI events = null;
        URI queries = null;
        String token = System.getenv("BILATERAL_TOKEN");
        int chunk = DEFAULT_CHUNK_ROWS;
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--events" -> events = URI.create(value(args, ++i, arg));
                case "--queries" -> queries = URI.create(value(args, ++i, arg));
                case "--token" -> token = value(args, ++i, arg);
                case "--chunk" -> {
                    try {
                        chunk = Integer.parseInt(value(args, ++i, arg));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--chunk wants a number of rows");
                    }
                }
                default -> {
                    if (arg.startsWith("--") || file != null) {
                        throw new IllegalArgumentException("unexpected argument " + arg);
                    }
                    file = Path.of(arg);
                }
            }
        }
        if (events == null || queries == null || file == null) {
            throw new IllegalArgumentException("--events, --queries and a file are required");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        return new Options(events, queries, token, chunk, file);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " wants a value");
        }
        return args[i];
    }
}
