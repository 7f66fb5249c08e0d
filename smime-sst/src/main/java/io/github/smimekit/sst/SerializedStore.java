package io.github.smimekit.sst;

/** Placeholder; replaced by the serialized store model. */
public final class SerializedStore {
  private SerializedStore() {}
}
