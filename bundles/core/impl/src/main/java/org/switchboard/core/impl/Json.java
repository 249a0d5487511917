package org.switchboard.core.impl;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.switchboard.core.api.ChannelType;

/** The core's JSON: ISO-8601 times, channel types as their id, records as objects. */
final class Json {
  static final ObjectMapper MAPPER = create();

  private Json() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T> T read(String json, TypeReference<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  private static ObjectMapper create() {
    SimpleModule channels = new SimpleModule("switchboard-channel-type");
    channels.addSerializer(
        ChannelType.class,
        new JsonSerializer<>() {
          @Override
          public void serialize(ChannelType value, JsonGenerator gen, SerializerProvider p)
              throws IOException {
            gen.writeString(value.id());
          }
        });
    channels.addDeserializer(
        ChannelType.class,
        new JsonDeserializer<>() {
          @Override
          public ChannelType deserialize(JsonParser p, DeserializationContext ctx)
              throws IOException {
            return ChannelType.of(p.getValueAsString());
          }
        });
    channels.addKeySerializer(
        ChannelType.class,
        new JsonSerializer<>() {
          @Override
          public void serialize(ChannelType value, JsonGenerator gen, SerializerProvider p)
              throws IOException {
            gen.writeFieldName(value.id());
          }
        });
    ObjectMapper mapper = new ObjectMapper();
    mapper.registerModule(new JavaTimeModule());
    mapper.registerModule(channels);
    mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    mapper.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    return mapper;
  }
}
