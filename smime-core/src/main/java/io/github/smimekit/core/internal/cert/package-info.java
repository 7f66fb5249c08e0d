/**
 * Implementation of certificate I/O (content sniffing of DER, PEM, base64, PKCS#7 and UTF-16 text),
 * certificate field access and the S/MIME fitness rules. Not exported; may change in any release.
 */
@NullMarked
package io.github.smimekit.core.internal.cert;

import org.jspecify.annotations.NullMarked;
