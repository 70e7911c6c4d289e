package io.bilateral.bench;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark 10: the explorer's page. Its weight (the HTML and every script and style it loads,
 * as sent, uncompressed) and the time to first render of the demo relation in Debian's headless
 * Chromium: from the start of navigation until the page shows its data (the page marks it), a
 * first cold load in a new browser and then warm reloads.
 */
final class ExplorerBench {

    /** Every file the page loads: the HTML, then its modules and styles (all from query-service). */
    static final List<String> FILES = List.of("/explore/BEL-CHN", "/explorer/app.css", "/explorer/app.js", "/explorer/api.js",
            "/explorer/dom.js", "/explorer/start.js", "/explorer/dyad.js", "/explorer/fact.js", "/explorer/editor.js",
            "/explorer/live.js", "/explorer/timeline.js", "/explorer/charts.js");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    record Outcome(long bytes, long coldMs, List<Long> warmMs, String note) {
    }

    private final Target target;

    ExplorerBench(Target target) {
        this.target = target;
    }

    Outcome run(int warmLoads) throws Exception {
        long bytes = 0;
        HttpClient http = HttpClient.newHttpClient();
        for (String file : FILES) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(target.queries().resolve(file)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(file + " answered " + response.statusCode());
            }
            bytes += response.body().length;
        }
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            return new Outcome(bytes, -1, List.of(), "not measured: Debian's chromium and chromium-driver are not installed");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600");
        WebDriver browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
        try {
            URI page = target.queries().resolve("/explore/BEL-CHN");
            long cold = load(browser, page);
            List<Long> warm = new ArrayList<>();
            for (int i = 0; i < warmLoads; i++) {
                warm.add(load(browser, page));
            }
            return new Outcome(bytes, cold, warm, null);
        } finally {
            browser.quit();
        }
    }

    /** Milliseconds from the start of navigation until the page marked itself ready (it renders the summary, axis and registers first). */
    private static long load(WebDriver browser, URI page) {
        browser.get(page.toString());
        String ms = new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            String ready = d.findElement(By.id("main")).getAttribute("data-ready-ms");
            return ready == null || ready.isEmpty() ? null : ready;
        });
        return Long.parseLong(ms);
    }
}
