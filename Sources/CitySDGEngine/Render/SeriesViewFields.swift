import Mustache

/// Field tables for the indicator data's view types (see ViewFields.swift): templates read them
/// through key paths, not Mirror. `ViewFieldTests` checks that every stored property is listed.

extension ChartView: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ChartView>] = [
        "id": \ChartView.id,
        "title": \ChartView.title,
        "titleLang": \ChartView.titleLang,
        "unitLang": \ChartView.unitLang,
        "description": \ChartView.description,
        "width": \ChartView.width,
        "height": \ChartView.height,
        "unit": \ChartView.unit,
        "unitX": \ChartView.unitX,
        "unitY": \ChartView.unitY,
        "plotLeft": \ChartView.plotLeft,
        "plotRight": \ChartView.plotRight,
        "axisY": \ChartView.axisY,
        "yTicks": \ChartView.yTicks,
        "xTicks": \ChartView.xTicks,
        "lines": \ChartView.lines,
        "hasLegend": \ChartView.hasLegend,
        "aim": \ChartView.aim,
    ]
}

extension ChartTick: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ChartTick>] = [
        "label": \ChartTick.label,
        "x": \ChartTick.x,
        "y": \ChartTick.y,
        "textY": \ChartTick.textY,
    ]
}

extension ChartLine: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ChartLine>] = [
        "label": \ChartLine.label,
        "labelLang": \ChartLine.labelLang,
        "cssClass": \ChartLine.cssClass,
        "points": \ChartLine.points,
        "dots": \ChartLine.dots,
        "bars": \ChartLine.bars,
    ]
}

extension ChartDot: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ChartDot>] = [
        "x": \ChartDot.x,
        "y": \ChartDot.y,
        "label": \ChartDot.label,
    ]
}

extension ChartBar: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ChartBar>] = [
        "x": \ChartBar.x,
        "y": \ChartBar.y,
        "width": \ChartBar.width,
        "height": \ChartBar.height,
        "label": \ChartBar.label,
    ]
}

extension SeriesBlock: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<SeriesBlock>] = [
        "id": \SeriesBlock.id,
        "heading": \SeriesBlock.heading,
        "indicatorHref": \SeriesBlock.indicatorHref,
        "measure": \SeriesBlock.measure,
        "unit": \SeriesBlock.unit,
        "chart": \SeriesBlock.chart,
        "table": \SeriesBlock.table,
        "status": \SeriesBlock.status,
        "statusClass": \SeriesBlock.statusClass,
        "statusNote": \SeriesBlock.statusNote,
        "methodHref": \SeriesBlock.methodHref,
        "sources": \SeriesBlock.sources,
        "notes": \SeriesBlock.notes,
        "breakdowns": \SeriesBlock.breakdowns,
        "hasBreakdowns": \SeriesBlock.hasBreakdowns,
        "contentLang": \SeriesBlock.contentLang,
    ]
}

extension SeriesTable: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<SeriesTable>] = [
        "id": \SeriesTable.id,
        "caption": \SeriesTable.caption,
        "captionLang": \SeriesTable.captionLang,
        "columns": \SeriesTable.columns,
        "unit": \SeriesTable.unit,
        "unitLang": \SeriesTable.unitLang,
        "rows": \SeriesTable.rows,
    ]
}

extension SeriesColumn: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<SeriesColumn>] = [
        "label": \SeriesColumn.label,
        "labelLang": \SeriesColumn.labelLang,
    ]
}

extension SeriesTableRow: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<SeriesTableRow>] = [
        "label": \SeriesTableRow.label,
        "cells": \SeriesTableRow.cells,
    ]
}

extension SeriesSource: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<SeriesSource>] = [
        "title": \SeriesSource.title,
        "url": \SeriesSource.url,
        "publisher": \SeriesSource.publisher,
        "date": \SeriesSource.date,
    ]
}

extension Breakdown: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Breakdown>] = [
        "label": \Breakdown.label,
        "chart": \Breakdown.chart,
        "table": \Breakdown.table,
    ]
}

extension IndicatorView: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<IndicatorView>] = [
        "goal": \IndicatorView.goal,
        "code": \IndicatorView.code,
        "title": \IndicatorView.title,
        "target": \IndicatorView.target,
        "targetHref": \IndicatorView.targetHref,
        "charts": \IndicatorView.charts,
        "places": \IndicatorView.places,
        "hasData": \IndicatorView.hasData,
        "cut": \IndicatorView.cut,
        "contributeHref": \IndicatorView.contributeHref,
        "dataHref": \IndicatorView.dataHref,
        "indicatorsHref": \IndicatorView.indicatorsHref,
    ]
}

extension IndicatorChart: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<IndicatorChart>] = [
        "unit": \IndicatorChart.unit,
        "chart": \IndicatorChart.chart,
        "table": \IndicatorChart.table,
    ]
}

extension IndicatorPlace: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<IndicatorPlace>] = [
        "label": \IndicatorPlace.label,
        "href": \IndicatorPlace.href,
        "lang": \IndicatorPlace.lang,
        "measure": \IndicatorPlace.measure,
        "latest": \IndicatorPlace.latest,
        "unit": \IndicatorPlace.unit,
        "contentLang": \IndicatorPlace.contentLang,
        "year": \IndicatorPlace.year,
        "source": \IndicatorPlace.source,
    ]
}

extension IndicatorsView: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<IndicatorsView>] = [
        "rows": \IndicatorsView.rows,
        "hasRows": \IndicatorsView.hasRows,
        "contributeHref": \IndicatorsView.contributeHref,
        "csvHref": \IndicatorsView.csvHref,
    ]
}

extension IndicatorListRow: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<IndicatorListRow>] = [
        "code": \IndicatorListRow.code,
        "title": \IndicatorListRow.title,
        "href": \IndicatorListRow.href,
        "places": \IndicatorListRow.places,
    ]
}
