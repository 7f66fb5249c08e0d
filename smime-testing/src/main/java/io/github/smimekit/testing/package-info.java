/**
 * Test fixtures: a test PKI builder and seeded random generators of certificates and serialized
 * stores.
 */
@NullMarked
package io.github.smimekit.testing;

import org.jspecify.annotations.NullMarked;
