package org.cocare.rules.ruleset;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This module's class loader, remembering the names it does not have. Compiling DRL asks for
 * thousands of classes that do not exist (MVEL tries a name against each import, as an inner class
 * of each, and so on), and in the application's jar each miss searches all its few hundred nested
 * jars again: most of compiling the default rule set went there. The class path does not change
 * while the application runs, so a name that is missing once stays missing. Defines no class
 * itself.
 */
final class KnownMisses extends ClassLoader {
  // Registered before MODULE is built: a loader is parallel capable only if its class was
  // registered when its constructor ran, else every lookup would lock the whole loader.
  static {
    registerAsParallelCapable();
  }

  static final KnownMisses MODULE = new KnownMisses(RuleBase.class.getClassLoader());

  private final Set<String> missing = ConcurrentHashMap.newKeySet();

  private KnownMisses(ClassLoader parent) {
    super("cocare-rules", parent);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (missing.contains(name)) {
      throw new ClassNotFoundException(name);
    }
    try {
      return super.loadClass(name, resolve);
    } catch (ClassNotFoundException e) {
      missing.add(name);
      throw e;
    }
  }
}
