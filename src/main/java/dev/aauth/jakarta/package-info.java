/**
 * The Jakarta EE / MicroProfile side of the project: the JAX-RS application and everything that
 * binds the plain-Java core to a runtime (Open Liberty or Payara). Only this package tree may use
 * {@code jakarta.*} and {@code org.eclipse.microprofile.*} APIs.
 */
package dev.aauth.jakarta;
