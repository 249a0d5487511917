package org.switchboard.platform.web.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.context.ServletContextHelper;

/**
 * The web context {@code /ws} that holds nothing but the {@link SocketGateway}. Pax Web restarts a
 * context when some registrations arrive after it started; a WebSocket endpoint does not survive
 * that restart on Jetty 9.4 (its upgrade filter is "defined twice"). Servlets of the appliance and
 * of plugins register in the root context, so giving the endpoint a context of its own means no
 * servlet that comes, goes or is updated can break the WebSockets.
 */
@Component(
    service = ServletContextHelper.class,
    property = {
      "osgi.http.whiteboard.context.name=" + SocketContext.NAME,
      "osgi.http.whiteboard.context.path=" + SocketContext.PATH
    })
public class SocketContext extends ServletContextHelper {
  /** The context's name, which the endpoint selects. */
  static final String NAME = "switchboard-sockets";

  /** Where the context sits: connections go to {@code /ws/<area>}. */
  static final String PATH = "/ws";
}
