package org.switchboard.ops.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import org.switchboard.core.api.ChannelType;

/**
 * The API's JSON mapping: ISO-8601 times and durations, channel types as their id, strict input.
 */
final class ApiJson {
  private ApiJson() {}

  private static final ObjectMapper READER = new ObjectMapper();

  /** A JSON document the core stored (an event's payload) as a tree, to embed in an answer. */
  static com.fasterxml.jackson.databind.JsonNode tree(String json) {
    try {
      return READER.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static ObjectMapper mapper() {
    SimpleModule channels = new SimpleModule("switchboard-api");
    channels.addSerializer(
        ChannelType.class,
        new JsonSerializer<>() {
          @Override
          public void serialize(ChannelType v, JsonGenerator g, SerializerProvider p)
              throws IOException {
            g.writeString(v.id());
          }
        });
    channels.addKeySerializer(
        ChannelType.class,
        new JsonSerializer<>() {
          @Override
          public void serialize(ChannelType v, JsonGenerator g, SerializerProvider p)
              throws IOException {
            g.writeFieldName(v.id());
          }
        });
    channels.addDeserializer(
        ChannelType.class,
        new JsonDeserializer<>() {
          @Override
          public ChannelType deserialize(JsonParser p, DeserializationContext c)
              throws IOException {
            return ChannelType.of(p.getValueAsString());
          }
        });
    channels.addKeyDeserializer(
        ChannelType.class,
        new KeyDeserializer() {
          @Override
          public Object deserializeKey(String key, DeserializationContext c) {
            return ChannelType.of(key);
          }
        });
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .registerModule(channels)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
  }
}
