package org.switchboard.media.tts;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the espeak-ng text-to-speech, PID {@code org.switchboard.media.tts}. */
@ObjectClassDefinition(
    name = "Switchboard text-to-speech (espeak-ng)",
    description = "How sentences for callers are spoken when no better TTS engine is installed.")
public @interface EspeakConfig {
  @AttributeDefinition(description = "The espeak-ng program (a name on PATH or a full path).")
  String executable() default "espeak-ng";

  @AttributeDefinition(
      description =
          "Voices by language: entries <language>=<espeak-ng voice>. Languages missing here are"
              + " not spoken.")
  String[] voices() default {"en=en-us", "zh=cmn"};

  @AttributeDefinition(description = "Speaking rate in words per minute (80-400).")
  int wordsPerMinute() default 150;

  @AttributeDefinition(
      description =
          "Where rendered sentences are kept (relative to the Karaf data directory); the same"
              + " sentence is rendered once.")
  String cacheDirectory() default "tts-cache";

  @AttributeDefinition(description = "Longest text accepted, in characters.")
  int maxTextLength() default 2000;

  @AttributeDefinition(description = "Longest time one rendering may take, in seconds.")
  int timeoutSeconds() default 20;

  @AttributeDefinition(description = "Most rendered sentences kept in the cache (oldest go first).")
  int maxCachedFiles() default 5000;
}
