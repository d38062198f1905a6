/**
 * Time for the Jakarta side: the one CDI {@link java.time.Clock} every bean that needs "now"
 * injects, so that tests can substitute their own clock and no logic calls the system clock directly.
 */
package dev.aauth.jakarta.time;
