/**
 * What the pages for people share: the login page, the language (English or Simplified Chinese,
 * chosen with {@code ?lang=} and kept for the session) and what the signed-in user may do. The
 * pages themselves live with their feature ({@code rulesets}, {@code patients}); they call the same
 * engine services as the API and must not hold rules of their own.
 */
package org.cocare.routes.web;
