package dev.aauth.jakarta.consent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.annotation.FacesConfig;

/** Turns on Jakarta Faces' CDI integration for the person pages. */
@FacesConfig
@ApplicationScoped
public class FacesActivation {}
