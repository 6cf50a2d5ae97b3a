/**
 * Value analysis: whether engagement created value, and for whom — funnel rates, gap closure,
 * uplift against the holdout — with the interval estimates each figure is reported with (Apache
 * Commons Math for distributions).
 */
package org.cocare.engine.value;
