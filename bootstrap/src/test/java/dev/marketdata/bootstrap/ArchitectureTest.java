package dev.marketdata.bootstrap;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The hexagon's rules, checked on every production class (this module sees them all).
 *
 * <p>Proof that they bite (tried by hand on 2026-11-26; the Maven graph already stops most breaches
 * at compile time, so the planted one had to compile): a call to {@code
 * dev.marketdata.adapters.out.nats.UrlMasking.mask(..)} added to {@code HealthHttpServer.port()}
 * made {@code mvn verify} fail here with
 *
 * <pre>
 * ArchitectureTest.noAdapterDependsOnAnother Architecture Violation [Priority: MEDIUM] -
 *   Rule 'slices matching 'dev.marketdata.adapters.(*).(*)..' should not depend on each other'
 *   was violated (1 times):
 * Slice in - http depends on Slice out - nats:
 * Method &lt;dev.marketdata.adapters.in.http.HealthHttpServer.port()&gt; calls method
 *   &lt;dev.marketdata.adapters.out.nats.UrlMasking.mask(java.lang.String)&gt; in (HealthHttpServer.java:54)
 * </pre>
 */
@AnalyzeClasses(
    packages = "dev.marketdata",
    importOptions = {ImportOption.DoNotIncludeTests.class, ExcludeTestJars.class})
class ArchitectureTest {

  private static final String DOMAIN = "dev.marketdata.domain..";
  private static final String APPLICATION = "dev.marketdata.application..";
  private static final String ADAPTERS = "dev.marketdata.adapters..";
  private static final String BOOTSTRAP = "dev.marketdata.bootstrap..";

  @ArchTest
  static final ArchRule domainDependsOnlyOnTheJdk =
      classes()
          .that()
          .resideInAPackage(DOMAIN)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", DOMAIN);

  @ArchTest
  static final ArchRule applicationDependsOnlyOnTheDomain =
      classes()
          .that()
          .resideInAPackage(APPLICATION)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", APPLICATION, DOMAIN);

  @ArchTest
  static final ArchRule adaptersUseOnlyTheCoreAndTheirTechnologies =
      classes()
          .that()
          .resideInAPackage(ADAPTERS)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              DOMAIN,
              APPLICATION,
              ADAPTERS,
              "io.nats.client..",
              "com.fasterxml.jackson..",
              "com.sun.net.httpserver..",
              "io.prometheus.metrics..",
              "org.slf4j..");

  @ArchTest
  static final ArchRule theCoreKnowsNoAdapterTechnology =
      noClasses()
          .that()
          .resideInAnyPackage(DOMAIN, APPLICATION)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.nats..",
              "com.fasterxml.jackson..",
              "com.sun.net.httpserver..",
              "io.prometheus..",
              "ch.qos.logback..",
              "org.slf4j..",
              "net.logstash..",
              ADAPTERS,
              BOOTSTRAP);

  @ArchTest
  static final ArchRule adaptersAreUsedOnlyByBootstrap =
      classes()
          .that()
          .resideInAPackage(ADAPTERS)
          .should()
          .onlyHaveDependentClassesThat()
          .resideInAnyPackage(ADAPTERS, BOOTSTRAP);

  @ArchTest
  static final ArchRule noAdapterDependsOnAnother =
      slices().matching("dev.marketdata.adapters.(*).(*)..").should().notDependOnEachOther();

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("dev.marketdata.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule onlyBootstrapReadsTheEnvironment =
      noClasses()
          .that()
          .resideOutsideOfPackage(BOOTSTRAP)
          .should()
          .callMethod(System.class, "getenv")
          .orShould()
          .callMethod(System.class, "getenv", String.class);

  @ArchTest
  static final ArchRule nothingLogsThroughJavaUtilLogging =
      noClasses().should().dependOnClassesThat().resideInAPackage("java.util.logging..");

  @ArchTest
  static final ArchRule inPortsAreUseCaseInterfaces =
      classes()
          .that()
          .resideInAPackage("..application.port.in..")
          .and()
          .areInterfaces()
          .should()
          .haveSimpleNameEndingWith("UseCase");

  @ArchTest
  static final ArchRule useCasesAreInPorts =
      classes()
          .that()
          .haveSimpleNameEndingWith("UseCase")
          .should()
          .beInterfaces()
          .andShould()
          .resideInAPackage("..application.port.in..");

  @ArchTest
  static final ArchRule outPortsArePortInterfaces =
      classes()
          .that()
          .resideInAPackage("..application.port.out..")
          .should()
          .beInterfaces()
          .andShould()
          .haveSimpleNameEndingWith("Port");

  @ArchTest
  static final ArchRule servicesImplementAnInPort =
      classes()
          .that()
          .resideInAPackage("..application.service..")
          .and()
          .haveSimpleNameEndingWith("Service")
          .should()
          .beAssignableTo(
              describe(
                  "a *UseCase interface",
                  (JavaClass type) ->
                      type.isInterface() && type.getSimpleName().endsWith("UseCase")))
          .andShould()
          .haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL);
}
