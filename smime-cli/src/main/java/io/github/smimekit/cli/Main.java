package io.github.smimekit.cli;

/** Entry point of the {@code smime} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(0);
  }
}
