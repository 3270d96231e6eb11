package dev.marketdata.bootstrap;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/**
 * Leaves out the adapters' test-jar (shared test support), which ArchUnit's own DoNotIncludeTests
 * does not recognise: the rules are about production code.
 */
public final class ExcludeTestJars implements ImportOption {

  @Override
  public boolean includes(Location location) {
    return !location.contains("-tests.jar") && !location.contains("/test-classes/");
  }
}
