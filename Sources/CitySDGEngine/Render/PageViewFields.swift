/// Field tables for the views of the search, translations, data and charts pages (see ViewFields.swift).

extension SearchView: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<SearchView>] = [
        "indexHref": \SearchView.indexHref,
        "shards": \SearchView.shards,
        "one": \SearchView.one,
        "other": \SearchView.other,
        "none": \SearchView.none,
    ]
}

extension TranslationsView: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<TranslationsView>] = [
        "languages": \TranslationsView.languages,
        "defaultName": \TranslationsView.defaultName,
    ]
}

extension LanguageStatus: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<LanguageStatus>] = [
        "language": \LanguageStatus.language,
        "name": \LanguageStatus.name,
        "interface": \LanguageStatus.interface,
        "missingStrings": \LanguageStatus.missingStrings,
        "hasMissingStrings": \LanguageStatus.hasMissingStrings,
        "review": \LanguageStatus.review,
        "reviewCount": \LanguageStatus.reviewCount,
        "hasReview": \LanguageStatus.hasReview,
        "defaultLanguage": \LanguageStatus.defaultLanguage,
        "goals": \LanguageStatus.goals,
        "targets": \LanguageStatus.targets,
        "indicators": \LanguageStatus.indicators,
        "catalogueCredit": \LanguageStatus.catalogueCredit,
        "content": \LanguageStatus.content,
        "translated": \LanguageStatus.translated,
        "hasTranslated": \LanguageStatus.hasTranslated,
        "stale": \LanguageStatus.stale,
        "hasStale": \LanguageStatus.hasStale,
    ]
}

extension ReviewRow: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ReviewRow>] = [
        "key": \ReviewRow.key,
        "original": \ReviewRow.original,
        "text": \ReviewRow.text,
    ]
}

extension DataView: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DataView>] = [
        "files": \DataView.files,
        "licence": \DataView.licence,
        "licenceLang": \DataView.licenceLang,
        "feedURL": \DataView.feedURL,
        "citiesURL": \DataView.citiesURL,
    ]
}

extension DataFileRow: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DataFileRow>] = [
        "title": \DataFileRow.title,
        "detail": \DataFileRow.detail,
        "href": \DataFileRow.href,
        "format": \DataFileRow.format,
        "schemaHref": \DataFileRow.schemaHref,
    ]
}

extension ChartsView: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ChartsView>] = [
        "matrix": \ChartsView.matrix,
        "stages": \ChartsView.stages,
        "statuses": \ChartsView.statuses,
        "projectsByGoal": \ChartsView.projectsByGoal,
        "expectationCount": \ChartsView.expectationCount,
        "projectCount": \ChartsView.projectCount,
    ]
}

extension MatrixChart: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<MatrixChart>] = [
        "width": \MatrixChart.width,
        "height": \MatrixChart.height,
        "columns": \MatrixChart.columns,
        "rows": \MatrixChart.rows,
        "hasRows": \MatrixChart.hasRows,
        "cut": \MatrixChart.cut,
    ]
}

extension MatrixColumn: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<MatrixColumn>] = [
        "label": \MatrixColumn.label,
        "x": \MatrixColumn.x,
    ]
}

extension MatrixRow: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<MatrixRow>] = [
        "label": \MatrixRow.label,
        "href": \MatrixRow.href,
        "y": \MatrixRow.y,
        "textY": \MatrixRow.textY,
        "cells": \MatrixRow.cells,
        "lang": \MatrixRow.lang,
    ]
}

extension MatrixCell: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<MatrixCell>] = [
        "x": \MatrixCell.x,
        "cssClass": \MatrixCell.cssClass,
        "mark": \MatrixCell.mark,
    ]
}

extension BarChart: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<BarChart>] = [
        "width": \BarChart.width,
        "height": \BarChart.height,
        "labelWidth": \BarChart.labelWidth,
        "barX": \BarChart.barX,
        "bars": \BarChart.bars,
    ]
}

extension Bar: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Bar>] = [
        "label": \Bar.label,
        "value": \Bar.value,
        "y": \Bar.y,
        "textY": \Bar.textY,
        "width": \Bar.width,
        "valueX": \Bar.valueX,
        "cssClass": \Bar.cssClass,
        "lang": \Bar.lang,
    ]
}
