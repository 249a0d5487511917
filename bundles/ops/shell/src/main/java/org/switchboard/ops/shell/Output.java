package org.switchboard.ops.shell;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.PrintStream;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.SwitchboardException;

/** Prints command results: JSON for {@code --json}, and one clear line for core errors. */
final class Output {
  private static final ObjectMapper JSON = mapper();

  private Output() {}

  static void json(PrintStream out, Object value) {
    try {
      out.println(JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs a command body; a core error becomes one "Error: ..." line on {@code out} instead of a
   * stack trace (on the output stream: bin/client in exec mode does not pass stderr through).
   */
  static Object guarded(PrintStream out, java.util.concurrent.Callable<Object> body)
      throws Exception {
    try {
      return body.call();
    } catch (SwitchboardException | IllegalArgumentException e) {
      out.println("Error: " + e.getMessage());
      return null;
    }
  }

  private static ObjectMapper mapper() {
    JsonSerializer<ChannelType> asId =
        new JsonSerializer<>() {
          @Override
          public void serialize(ChannelType v, JsonGenerator g, SerializerProvider p)
              throws IOException {
            g.writeString(v.id());
          }
        };
    JsonSerializer<ChannelType> asKey =
        new JsonSerializer<>() {
          @Override
          public void serialize(ChannelType v, JsonGenerator g, SerializerProvider p)
              throws IOException {
            g.writeFieldName(v.id());
          }
        };
    SimpleModule module =
        new SimpleModule("switchboard-shell")
            .addSerializer(ChannelType.class, asId)
            .addKeySerializer(ChannelType.class, asKey);
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .registerModule(module)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
  }
}
