/** Microsoft serialized certificate stores (.sst), byte-compatible with Windows. */
module io.github.smimekit.sst {
  requires transitive io.github.smimekit.core;
  requires static org.jspecify;

  exports io.github.smimekit.sst;
}
