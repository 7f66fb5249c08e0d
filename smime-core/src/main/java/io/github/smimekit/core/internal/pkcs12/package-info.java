/**
 * PKCS#12 (RFC 7292) reading, inspection and writing: the MAC, the password-based encryption
 * schemes (PKCS#12 PBE, PBES1, PBES2, PBMAC1) and the bag structure. Not exported; may change in
 * any release.
 */
@NullMarked
package io.github.smimekit.core.internal.pkcs12;

import org.jspecify.annotations.NullMarked;
