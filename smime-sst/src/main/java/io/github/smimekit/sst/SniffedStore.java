package io.github.smimekit.sst;

import static java.util.Objects.requireNonNull;

/**
 * A store opened by content: what the bytes were and the store they give.
 *
 * @param format what the content was
 * @param store the entries: as read for a serialized store, without properties for PKCS#7 and
 *     certificates
 */
public record SniffedStore(StoreFormat format, SerializedStore store) {
  /** Validates the components. */
  public SniffedStore {
    requireNonNull(format, "format");
    requireNonNull(store, "store");
  }
}
