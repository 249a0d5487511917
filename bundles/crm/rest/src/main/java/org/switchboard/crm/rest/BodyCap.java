package org.switchboard.crm.rest;

import java.io.IOException;
import java.io.InputStream;
import org.switchboard.crm.api.CrmUnavailableException;

/** Reads an answer body, refusing one larger than a limit instead of filling the memory. */
final class BodyCap {
  private BodyCap() {}

  static byte[] read(InputStream in, int limit) throws IOException, CrmUnavailableException {
    byte[] bytes = in.readNBytes(limit + 1);
    if (bytes.length > limit) {
      throw new CrmUnavailableException("the CRM's answer is larger than " + limit + " bytes");
    }
    return bytes;
  }
}
