package org.cocare.rules.model;

/**
 * A derived fact: the patient should read the plain-language variant of education items, because of
 * the resource named in {@code evidence} (e.g. an education level below secondary school).
 */
public record PlainLanguage(String evidence) {}
