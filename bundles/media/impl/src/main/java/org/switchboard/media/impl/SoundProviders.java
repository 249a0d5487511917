package org.switchboard.media.impl;

import java.util.function.Supplier;

/**
 * Runs javax.sound.sampled calls with the system class loader as context class loader, so the JDK's
 * audio file readers and codecs (found through ServiceLoader) are visible inside an OSGi framework
 * too, whatever loader the calling thread carries.
 */
final class SoundProviders {
  private SoundProviders() {}

  static <T> T call(Supplier<T> action) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(ClassLoader.getSystemClassLoader());
    try {
      return action.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
