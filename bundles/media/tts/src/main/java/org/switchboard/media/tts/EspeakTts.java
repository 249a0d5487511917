package org.switchboard.media.tts;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.api.health.Health;
import org.switchboard.core.api.health.HealthIndicator;
import org.switchboard.media.api.MediaException;
import org.switchboard.media.api.Tts;

/**
 * Text-to-speech with espeak-ng, the speech synthesiser Debian ships for many languages (English
 * and Mandarin here). The text goes to espeak-ng on standard input (never on its command line), its
 * WAV output is resampled to 8 kHz mono by {@link Resampler} and kept in a {@link TtsCache}.
 * Renderings run one at a time per sentence; callers block while one renders.
 */
@Component(
    service = {Tts.class, HealthIndicator.class},
    configurationPid = "org.switchboard.media.tts",
    property = "service.ranking:Integer=0")
@Designate(ocd = EspeakConfig.class)
public class EspeakTts implements Tts, HealthIndicator {
  private static final Logger LOG = LoggerFactory.getLogger(EspeakTts.class);

  private final String executable;
  private final Map<String, String> voices;
  private final int wordsPerMinute;
  private final int maxTextLength;
  private final int timeoutSeconds;
  private final TtsCache cache;
  private final String version;

  @Activate
  public EspeakTts(EspeakConfig config) {
    this(
        config.executable(),
        Voices.parse(org.switchboard.core.api.ConfigValues.list(config.voices())),
        config.wordsPerMinute(),
        config.maxTextLength(),
        config.timeoutSeconds(),
        new TtsCache(
            Path.of(System.getProperty("karaf.data", ".")).resolve(config.cacheDirectory()),
            config.maxCachedFiles()));
  }

  EspeakTts(
      String executable,
      Map<String, String> voices,
      int wordsPerMinute,
      int maxTextLength,
      int timeoutSeconds,
      TtsCache cache) {
    if (wordsPerMinute < 80 || wordsPerMinute > 400) {
      throw new IllegalArgumentException("wordsPerMinute must be 80-400, got " + wordsPerMinute);
    }
    if (maxTextLength < 1 || timeoutSeconds < 1) {
      throw new IllegalArgumentException("maxTextLength and timeoutSeconds must be positive");
    }
    this.executable = executable;
    this.voices = Map.copyOf(voices);
    this.wordsPerMinute = wordsPerMinute;
    this.maxTextLength = maxTextLength;
    this.timeoutSeconds = timeoutSeconds;
    this.cache = cache;
    this.version = version(executable);
    if (version == null) {
      LOG.warn("{} does not run: callers will hear no spoken text", executable);
    }
  }

  @Override
  public boolean speaks(String language) {
    return language != null && voices.containsKey(Voices.primary(language));
  }

  @Override
  public Path speak(String text, String language) throws MediaException {
    String voice = language == null ? null : voices.get(Voices.primary(language));
    if (voice == null) {
      throw new MediaException("no voice for language '" + language + "'; voices: " + voices);
    }
    String clean = text == null ? "" : text.replaceAll("\\p{Cntrl}", " ").strip();
    if (clean.isEmpty()) {
      throw new MediaException("nothing to say: the text is empty");
    }
    if (clean.length() > maxTextLength) {
      throw new MediaException(
          "text of " + clean.length() + " characters is longer than " + maxTextLength);
    }
    String key = voice + "|" + wordsPerMinute + "|" + clean;
    return cache.get(key, target -> render(clean, voice, target));
  }

  /** Runs espeak-ng into a temporary WAV, then writes the 8 kHz version to {@code target}. */
  private void render(String text, String voice, Path target) throws MediaException {
    Path raw = null;
    try {
      raw = Files.createTempFile(target.getParent(), "espeak-", ".wav");
      Process p =
          new ProcessBuilder(
                  executable,
                  "-v",
                  voice,
                  "-s",
                  String.valueOf(wordsPerMinute),
                  "-w",
                  raw.toString(),
                  "--stdin")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(text.getBytes(StandardCharsets.UTF_8));
      }
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new MediaException("espeak-ng took longer than " + timeoutSeconds + " s");
      }
      if (p.exitValue() != 0 || Files.size(raw) == 0) {
        throw new MediaException(
            "espeak-ng failed (exit " + p.exitValue() + ") for voice " + voice);
      }
      Path converted = Files.createTempFile(target.getParent(), "tts-", ".wav");
      Resampler.toTelephone(raw, converted);
      Files.move(converted, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new MediaException("text-to-speech failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MediaException("interrupted while speaking", e);
    } finally {
      deleteQuietly(raw);
    }
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      new File(p.toString()).delete();
    }
  }

  @Override
  public String component() {
    return "tts";
  }

  @Override
  public Health check() {
    return version != null
        ? Health.up(version + ", voices " + voices)
        : Health.down(executable + " does not run: install espeak-ng (apt-get install espeak-ng)");
  }

  /** The first line of {@code espeak-ng --version}, or null when it does not run. */
  private static String version(String executable) {
    try {
      Process p =
          new ProcessBuilder(executable, "--version")
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.exitValue() == 0 && !out.isEmpty() ? out.lines().findFirst().orElse(out) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
