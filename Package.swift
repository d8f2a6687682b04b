// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "CitySDG",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "citysdg", targets: ["citysdg"]),
        .executable(name: "citysdg-sources", targets: ["citysdg-sources"]),
        .library(name: "CitySDGEngine", targets: ["CitySDGEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        // Hummingbird's own dependencies, named so the server can run its services and stop them itself.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // libcmark, the C library (Debian: libcmark-dev).
        .systemLibrary(name: "Ccmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        // The only Swift code that touches C: Markdown in, HTML and a little structure out.
        .target(name: "Markdown", dependencies: ["Ccmark"]),
        // XXH3-128 fingerprints from libxxhash (Debian: libxxhash-dev).
        .systemLibrary(name: "Cxxhash", pkgConfig: "libxxhash", providers: [.apt(["libxxhash-dev"])]),
        // The build's stages: load, model, plan, render, write. No command line, no network.
        .target(
            name: "CitySDGEngine",
            dependencies: [
                "Markdown",
                "Cxxhash",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Catalogue/sdg-catalogue.json"), .copy("Render/plural-rules.json"), .copy("Render/map-outlines.json")]
        ),
        // The preview server: serves the output, watches the sources, rebuilds and reloads the browser.
        .target(
            name: "CitySDGServer",
            dependencies: [
                "CitySDGEngine",
                "Markdown",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The browser editor's page, script and style (`serve --edit`).
            resources: [.copy("EditorFiles")]
        ),
        // The thin command-line tool.
        .executableTarget(
            name: "citysdg",
            dependencies: [
                "CitySDGEngine",
                "CitySDGServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The Swift runtime and Foundation linked in (on Linux), so that every command does not
            // first bind thousands of their symbols: `citysdg --help` 20 ms -> 5.6 ms with the
            // network half moved out below. (`-static-stdlib` alone leaves out the libraries that
            // Foundation's static modules would name; they are named here, ICU last.)
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-lCoreFoundation", "-l_FoundationCShims", "-l_FoundationCollections", "-l_FoundationICU"], .when(platforms: [.linux]))]
        ),
        // The network half of `check --sources`, apart so that `citysdg` never loads the HTTP
        // client (see Sources/citysdg/SourceCheck.swift).
        .executableTarget(name: "citysdg-sources"),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "CitySDGServerTests", dependencies: ["CitySDGServer", "CitySDGEngine"]),
        .testTarget(
            name: "CitySDGEngineTests",
            dependencies: ["CitySDGEngine"],
            exclude: ["Fixtures", "Golden"]
        ),
    ]
)

// The libFuzzer target, only when scripts/fuzz asks for it (it links only with -sanitize=fuzzer).
if Context.environment["CITYSDG_FUZZ"] != nil {
    package.targets.append(.executableTarget(name: "CitySDGFuzz", dependencies: ["CitySDGEngine"], path: "Fuzz/CitySDGFuzz"))
}
