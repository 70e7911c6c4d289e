package io.bilateral.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** The running system under test: where each service listens, a token for writes, their process ids. */
record Target(URI events, URI queries, String token, long eventPid, long queryPid, String kafka) {

    /** Resident memory of a process in MB, from /proc (0 when unknown). */
    static double rssMb(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
