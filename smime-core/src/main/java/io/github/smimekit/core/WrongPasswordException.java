package io.github.smimekit.core;

/**
 * The password does not open the file: its integrity check (MAC) or a decryption failed. The
 * message is fixed and says nothing about the password or the keys.
 */
public class WrongPasswordException extends SmimeException {
  private static final long serialVersionUID = 1L;

  public WrongPasswordException(String what) {
    super(what + ": wrong password (or the file's integrity check failed)");
  }

  public WrongPasswordException(String what, Throwable cause) {
    super(what + ": wrong password (or the file's integrity check failed)", cause);
  }
}
