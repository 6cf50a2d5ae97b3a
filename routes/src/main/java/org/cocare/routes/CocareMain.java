package org.cocare.routes;

import java.util.Arrays;
import org.cocare.routes.evaluate.EvaluateCommand;
import org.springframework.boot.SpringApplication;

/**
 * {@code java -jar cocare.jar [serve] [--spring.property=value ...]} starts the service; {@code
 * java -jar cocare.jar evaluate [--as-of DATE] PATH...} evaluates files without starting anything
 * or writing anywhere.
 */
public final class CocareMain {
  private CocareMain() {}

  public static void main(String[] args) {
    if (args.length > 0 && "evaluate".equals(args[0])) {
      System.exit(EvaluateCommand.run(Arrays.copyOfRange(args, 1, args.length)));
    }
    String[] serveArgs =
        args.length > 0 && "serve".equals(args[0])
            ? Arrays.copyOfRange(args, 1, args.length)
            : args;
    SpringApplication.run(CocareApplication.class, serveArgs);
  }
}
