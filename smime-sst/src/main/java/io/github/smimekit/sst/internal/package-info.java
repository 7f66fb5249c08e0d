/** Implementation of smime-sst. Not exported. */
@NullMarked
package io.github.smimekit.sst.internal;

import org.jspecify.annotations.NullMarked;
