package io.github.smimekit.mail;

/** The steps of opening a test message, in the order they run. */
public enum Step {
  /** Parse the {@code .eml} as a MIME message within the {@link MessageLimits}. */
  PARSE,
  /** Find the recipient's RecipientInfo and decrypt the enveloped content. */
  DECRYPT,
  /** Check the content-encryption and digest algorithms against the configured ones. */
  ALGORITHMS,
  /** Verify the signature over the signed content. */
  SIGNATURE,
  /**
   * Validate the signer's certificate: keyUsage for signing and a chain with emailProtection into
   * the trust store, trusted exclusively.
   */
  SIGNER_CHAIN,
  /** Compare the signer certificate's e-mail addresses with the message's {@code From}. */
  SIGNER_EMAIL
}
