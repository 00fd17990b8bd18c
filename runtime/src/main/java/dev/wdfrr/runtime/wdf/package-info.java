/**
 * The framework's object model as driver code sees it: one interface per WDF object kind
 * ({@link dev.wdfrr.runtime.wdf.WdfDevice}, {@link dev.wdfrr.runtime.wdf.WorkItem},
 * {@link dev.wdfrr.runtime.wdf.WdfInterrupt}, locks, …), the {@code WDF_*_CONFIG} records that
 * create them and the callbacks they run. Each method's javadoc names the DDI it models.
 */
package dev.wdfrr.runtime.wdf;
