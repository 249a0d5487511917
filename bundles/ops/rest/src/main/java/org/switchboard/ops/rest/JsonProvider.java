package org.switchboard.ops.rest;

import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;
import javax.ws.rs.ext.MessageBodyReader;
import javax.ws.rs.ext.MessageBodyWriter;
import org.osgi.service.component.annotations.Component;

/** JSON for the API, with {@link ApiJson}'s mapping. */
@Component(
    service = {MessageBodyReader.class, MessageBodyWriter.class},
    property = {
      "osgi.jaxrs.extension=true",
      "osgi.jaxrs.name=switchboard-json",
      SwitchboardApplication.SELECT
    })
public class JsonProvider extends JacksonJsonProvider {
  public JsonProvider() {
    super(ApiJson.mapper());
  }
}
