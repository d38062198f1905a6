package dev.aauth.jakarta.consent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's {@code /usr/bin/chromium} driven by {@code /usr/bin/chromedriver} (both paths explicit,
 * so Selenium Manager never runs and nothing is downloaded), headless, with a fresh profile, on
 * loopback only. One per test class; {@link #close} quits it and deletes the profile.
 */
public final class ConsentBrowser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Duration WAIT = Duration.ofSeconds(20);

    public final ChromeDriver driver;
    private final Path profile;

    public ConsentBrowser() {
        this(null);
    }

    /**
     * A browser whose every request, loopback included ({@code <-loopback>} drops Chromium's
     * implicit bypass), goes through the HTTP proxy at {@code httpProxy} ({@code host:port}), e.g.
     * a {@link LoadBalancer}; null: no proxy.
     */
    public ConsentBrowser(String httpProxy) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        System.setProperty("SE_OFFLINE", "true");
        try {
            profile = Files.createTempDirectory("aauth-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-extensions",
                "--user-data-dir=" + profile,
                "--window-size=1100,1500");
        if (httpProxy != null) {
            options.addArguments(
                    "--proxy-server=http://" + httpProxy, "--proxy-bypass-list=<-loopback>");
        }
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                        .usingAnyFreePort()
                        .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().window().setSize(new Dimension(1100, 1500));
    }

    public WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT);
    }

    /** Signs in at {@code /login} if the browser is sent there, and waits to leave it. */
    public void signInIfAsked(String username, String password) {
        if (!driver.getCurrentUrl().contains("/login")) {
            return;
        }
        driver.findElement(By.id("login:username")).sendKeys(username);
        driver.findElement(By.id("login:password")).sendKeys(password);
        driver.findElement(By.id("login:signin")).click();
        waiting()
                .until(
                        d ->
                                !d.getCurrentUrl().contains("/login")
                                        || !d.findElements(By.cssSelector(".messages li"))
                                                .isEmpty());
    }

    /**
     * Opens a person page ({@code /interaction?code=...}, {@code ?request=...}), signs in if sent
     * to {@code /login}, and waits for the consent screen or a problem page.
     */
    public void openPage(String url, String username, String password) {
        driver.get(url);
        signInIfAsked(username, password);
        waiting()
                .until(
                        ExpectedConditions.or(
                                ExpectedConditions.presenceOfElementLocated(By.id("consent")),
                                ExpectedConditions.presenceOfElementLocated(By.id("problem"))));
    }

    /** Clicks a submit button and waits for the page it loads. */
    public void click(String id) {
        WebElement html = driver.findElement(By.tagName("html"));
        driver.findElement(By.id(id)).click();
        waiting().until(d -> isStale(html));
        waiting()
                .until(
                        d ->
                                "complete"
                                        .equals(
                                                ((JavascriptExecutor) d)
                                                        .executeScript(
                                                                "return document.readyState")));
    }

    /**
     * Whether the page of {@code element} has been replaced. While a navigation commits,
     * ChromeDriver may answer "Node with given id does not belong to the document" instead of a
     * stale element reference ({@code ExpectedConditions.stalenessOf} treats only the latter as
     * stale): both mean the old document is gone.
     */
    public static boolean isStale(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (e.getMessage() != null
                    && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    public void screenshot(String name) {
        try {
            Path out = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(out.getParent());
            Files.write(out, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver.Options manage() {
        return driver.manage();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temporary profile is harmless
            }
        }
    }
}
