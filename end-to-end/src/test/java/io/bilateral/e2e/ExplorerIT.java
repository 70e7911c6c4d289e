package io.bilateral.e2e;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explorer in a real headless Chromium (Debian's chromium and chromium-driver, driven by
 * Selenium) against both packaged services on the real stack, with the demo data: what a person
 * sees, live updates, filters kept in the URL, errors beside their field, the keyboard, and a
 * console without errors. A screenshot of each page goes to target/screenshots/ for review.
 */
class ExplorerIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static E2eStack stack;
    static ServiceProcess events;
    static ServiceProcess queries;
    static String editor;

    WebDriver browser;
    String name;

    @BeforeAll
    static void startSystem() throws IOException {
        assertThat(CHROMIUM).as("Debian's chromium (./bilateral test installs it as root: apt-get install chromium chromium-driver)").exists();
        assertThat(CHROMEDRIVER).as("Debian's chromium-driver").exists();
        stack = E2eStack.start("ExplorerIT");
        editor = stack.editorToken();
        // The page's origin is query-service's, on a port chosen at start: allow this machine's.
        events = stack.startEventService(java.util.Map.of("BILATERAL_EXPLORER_ORIGINS", "/http://127\\.0\\.0\\.1:[0-9]+/"));
        queries = stack.startQueryService("query-service", io.bilateral.localstack.LocalPostgres.DATABASE, E2eStack.QUERY_GROUP,
                java.util.Map.of("BILATERAL_EXPLORER_EVENT_SERVICE_URL", events.url()));
        for (String demo : List.of("belgium-china.ndjson", "lithuania-china.ndjson")) {
            String token = given().baseUri(events.url()).auth().oauth2(editor).contentType("application/x-ndjson")
                    .body(Files.readAllBytes(Path.of("..", "demo", demo)))
                    .post("/events/batch").then().statusCode(202).extract().path("consistencyToken");
            // Projected: query-service answers 503 while it has not caught up within its own bound; wait, bounded, for the 200.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    given().baseUri(queries.url()).header("Bilateral-Read-After", token).get("/dyads").then().statusCode(200));
        }
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void openBrowser(TestInfo test) {
        name = test.getTestMethod().orElseThrow().getName();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // As root (CI) Chromium needs --no-sandbox; /dev/shm is small in containers.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600", "--lang=en");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void open(String path) {
        browser.get(queries.url() + path);
        try {
            waitFor(d -> d.findElement(By.id("main")).getAttribute("data-ready") != null);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the page " + browser.getCurrentUrl() + " did not render; it holds:\n" + browser.getPageSource()
                    + "\nconsole: " + consoleErrors(), e);
        }
        assertThat(browser.findElement(By.id("main")).getAttribute("data-ready")).as("the page rendered without error").isEqualTo("true");
    }

    private <T> T waitFor(java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, WAIT).ignoring(org.openqa.selenium.NoSuchElementException.class).until(condition::apply);
    }

    private void screenshot(String page) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(page + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Every console message of the page at level SEVERE (errors, failed requests). */
    private List<String> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    private List<WebElement> timelineFacts() {
        return browser.findElements(By.cssSelector("ol.facts > li[data-fact]"));
    }

    @Test
    void theStartPage_listsTheDemoRelation_andEveryPageRendersWithoutConsoleErrors() throws IOException {
        open("/");
        WebElement link = waitFor(d -> d.findElement(By.cssSelector("a[data-dyad='BEL-CHN']")));
        assertThat(link.getText()).contains("Belgium").contains("China").contains("31 facts");
        assertThat(browser.findElement(By.cssSelector("a[data-dyad='CHN-LTU']")).getText()).contains("Lithuania");
        screenshot("start");
        assertThat(consoleErrors()).as("console errors on /").isEmpty();

        link.click();
        waitFor(ExpectedConditions.urlContains("/explore/BEL-CHN"));
        waitFor(d -> d.findElement(By.id("main")).getAttribute("data-ready") != null);
        assertThat(consoleErrors()).as("console errors on the dyad page").isEmpty();

        String visit = browser.findElement(By.cssSelector("li[data-fact='bel-chn-visit-zhu-rongji-1991'] a")).getAttribute("href");
        browser.get(visit);
        waitFor(d -> d.findElement(By.id("main")).getAttribute("data-ready") != null);
        assertThat(browser.findElement(By.tagName("h2")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("main")).getText()).contains("Zhu Rongji").contains("History").contains("RECORDED");
        screenshot("fact");
        assertThat(consoleErrors()).as("console errors on the fact page").isEmpty();
    }

    @Test
    void theDyadPage_showsThe31Facts_onAnAxisThatShowsEachDatesPrecision() throws IOException {
        open("/explore/BEL-CHN");
        assertThat(timelineFacts()).hasSize(31);
        WebElement relations = browser.findElement(By.cssSelector("svg.axis [data-fact='bel-chn-relations-established']"));
        assertThat(relations.getTagName()).as("a day is a point").isEqualTo("circle");
        assertThat(relations.getAttribute("data-precision")).isEqualTo("day");
        assertThat(relations.getAttribute("data-occurred")).isEqualTo("1971-10-25");
        WebElement visit = browser.findElement(By.cssSelector("svg.axis [data-fact='bel-chn-visit-zhu-rongji-1991']"));
        assertThat(visit.getTagName()).as("a month is a span").isEqualTo("rect");
        assertThat(visit.getAttribute("data-precision")).isEqualTo("month");
        WebElement year = browser.findElement(By.cssSelector("svg.axis [data-fact='bel-chn-trade-2013']"));
        // A year is twelve months long (a month on an axis of 75 years is drawn at least 2 units wide to stay visible).
        assertThat(Double.parseDouble(year.getAttribute("width"))).as("a year is a longer span than a month")
                .isGreaterThan(Double.parseDouble(visit.getAttribute("width")) * 4);
        // The summary card and the registers.
        String page = browser.findElement(By.id("main")).getText();
        assertThat(page).contains("1971-10-25 (day)").contains("Visits").contains("Zhu Rongji").contains("Missions").contains("Guangzhou");
        screenshot("dyad");
    }

    @Test
    void aFactPostedThroughTheApi_appearsWithoutAReload_andAnAmendmentUpdatesItInPlace() {
        // The second demo relation: the other tests count Belgium–China's facts.
        open("/explore/CHN-LTU");
        int before = timelineFacts().size();
        waitFor(d -> d.findElement(By.id("live")).getText().equals("live"));
        // A marker in the page's window survives only if the page is never reloaded.
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
        String visit = """
                {"type": "OfficialVisit", "dyad": "CHN-LTU", "factId": "chn-ltu-visit-explorer-live", "occurred": "2025-06",
                 "visitor": {"name": "Kęstutis Budrys"}, "office": "Minister of Foreign Affairs", "visitingState": "LTU", "hostState": "CHN",
                 "sources": [{"url": "https://example.org/budrys-beijing"}]}""";
        given().baseUri(events.url()).auth().oauth2(editor).contentType(ContentType.JSON).body(visit).post("/events").then().statusCode(202);
        waitFor(d -> timelineFacts().size() == before + 1);
        WebElement added = browser.findElement(By.cssSelector("li[data-fact='chn-ltu-visit-explorer-live']"));
        assertThat(added.getText()).contains("2025-06");

        given().baseUri(events.url()).auth().oauth2(editor).contentType(ContentType.JSON).body("""
                {"type": "FactAmended", "dyad": "CHN-LTU", "factId": "chn-ltu-visit-explorer-live", "basedOnRevision": 1,
                 "changes": {"occurred": "2025-06-12", "summary": "Budrys in Beijing"}, "reason": "the ministry gives the day",
                 "sources": [{"url": "https://example.org/budrys-beijing"}]}""").post("/events").then().statusCode(202);
        waitFor(d -> d.findElement(By.cssSelector("li[data-fact='chn-ltu-visit-explorer-live']")).getText().contains("Budrys in Beijing"));
        WebElement amended = browser.findElement(By.cssSelector("li[data-fact='chn-ltu-visit-explorer-live']"));
        assertThat(amended.getText()).contains("2025-06-12").contains("revision 2");
        assertThat(timelineFacts()).hasSize(before + 1);
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;")).isEqualTo(true);
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void aFilter_narrowsTheTimeline_andReloadingItsUrlShowsTheSameView() {
        open("/explore/BEL-CHN");
        int all = timelineFacts().size();
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.cssSelector("form.filters select[name='type']"))).selectByValue("CyberIncident");
        browser.findElement(By.cssSelector("form.filters button[type='submit']")).click();
        waitFor(ExpectedConditions.urlContains("type=CyberIncident"));
        waitFor(d -> d.findElement(By.id("main")).getAttribute("data-ready") != null);
        List<String> filtered = timelineFacts().stream().map(e -> e.getAttribute("data-fact")).toList();
        assertThat(filtered).hasSize(2).hasSizeLessThan(all);
        String url = browser.getCurrentUrl();

        browser.navigate().refresh();
        waitFor(d -> d.findElement(By.id("main")).getAttribute("data-ready") != null);
        assertThat(browser.getCurrentUrl()).isEqualTo(url);
        assertThat(timelineFacts().stream().map(e -> e.getAttribute("data-fact")).toList()).isEqualTo(filtered);
        assertThat(browser.findElement(By.cssSelector("form.filters select[name='type']")).getAttribute("value")).isEqualTo("CyberIncident");
    }

    @Test
    void aBadDateInTheForm_isReportedBesideTheDateField() {
        open("/explore/BEL-CHN");
        WebElement form = waitFor(d -> d.findElement(By.cssSelector("section.editor form")));
        waitFor(d -> !form.findElements(By.cssSelector("[data-pointer='/occurred']")).isEmpty());
        form.findElement(By.name("token")).sendKeys(editor, Keys.TAB);
        form.findElement(By.cssSelector("[data-pointer='/occurred']")).sendKeys("1991-02-30");
        form.findElement(By.cssSelector("[data-pointer='/visitor/name']")).sendKeys("Zhu Rongji");
        form.findElement(By.cssSelector("[data-pointer='/visitingState']")).sendKeys("CHN");
        form.findElement(By.cssSelector("[data-pointer='/hostState']")).sendKeys("BEL");
        form.findElement(By.cssSelector("[data-pointer='/sources/0/url']")).sendKeys("https://example.org/visit");
        form.findElement(By.cssSelector("button[type='submit']")).click();
        WebElement problem = waitFor(d -> {
            WebElement p = form.findElement(By.cssSelector("[data-problem-for='/occurred']"));
            return p.getText().isBlank() ? null : p;
        });
        assertThat(problem.getText()).contains("not a day of the calendar");
        // Beside the date field: in the same field group.
        assertThat(problem.findElement(By.xpath("..")).findElements(By.cssSelector("[data-pointer='/occurred']"))).hasSize(1);
    }

    @Test
    void theKeyboardAlone_reachesEveryFact() {
        open("/explore/BEL-CHN");
        Set<String> facts = new HashSet<>(timelineFacts().stream().map(e -> e.getAttribute("data-fact")).toList());
        assertThat(facts).hasSize(31);
        Set<String> reached = new HashSet<>();
        WebElement body = browser.findElement(By.tagName("body"));
        body.sendKeys(Keys.TAB);
        for (int i = 0; i < 400 && !reached.containsAll(facts); i++) {
            WebElement focused = browser.switchTo().activeElement();
            String href = focused.getAttribute("href");
            if (href != null && href.contains("/explore/facts/")) {
                reached.add(java.net.URLDecoder.decode(href.substring(href.indexOf("/explore/facts/") + 15), java.nio.charset.StandardCharsets.UTF_8));
            }
            focused.sendKeys(Keys.TAB);
        }
        assertThat(reached).containsAll(facts);
    }

    @Test
    void atPhoneWidth_theRelationsPageFitsTheScreen_withoutScrollingSideways() throws IOException {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(375, 812));
        open("/explore/BEL-CHN");
        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue()).as("pixels the page is wider than a 375 px screen").isLessThanOrEqualTo(0);
        assertThat(timelineFacts()).hasSize(31);
        screenshot("dyad-phone");
    }

    @Test
    void afterADroppedConnection_thePageResumesFromItsLastEvent_andSaysSo() {
        open("/explore/CHN-LTU");
        waitFor(d -> d.findElement(By.id("live")).getText().equals("live"));
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
        int before = timelineFacts().size();

        int port = queries.port();
        queries.kill();
        waitFor(d -> d.findElement(By.id("live")).getText().equals("reconnecting…"));
        // Recorded while the page cannot hear of it.
        given().baseUri(events.url()).auth().oauth2(editor).contentType(ContentType.JSON).body("""
                {"type": "DiplomatSummoned", "dyad": "CHN-LTU", "factId": "chn-ltu-summons-while-away", "occurred": "2021-08-11",
                 "summonedBy": "LTU", "envoyOf": "CHN", "sources": [{"url": "https://example.org/summons"}]}""")
                .post("/events").then().statusCode(202);
        queries = stack.startQueryServiceOnPort("query-service-again", port,
                java.util.Map.of("BILATERAL_EXPLORER_EVENT_SERVICE_URL", events.url()));

        waitFor(d -> d.findElement(By.id("live")).getText().equals("caught up"));
        waitFor(d -> timelineFacts().size() == before + 1);
        assertThat(browser.findElement(By.cssSelector("li[data-fact='chn-ltu-summons-while-away']")).getText()).contains("2021-08-11");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;")).isEqualTo(true);
    }
}
