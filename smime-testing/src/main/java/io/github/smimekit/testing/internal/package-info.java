/** Implementation of the test fixtures on Bouncy Castle; not exported. */
@NullMarked
package io.github.smimekit.testing.internal;

import org.jspecify.annotations.NullMarked;
