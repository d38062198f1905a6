package dev.aauth.jakarta;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The JAX-RS application, at the root of each origin (AAuth endpoints live at well-known paths).
 */
@ApplicationPath("/")
public class AAuthApplication extends Application {}
