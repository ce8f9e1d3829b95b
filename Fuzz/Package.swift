// swift-tools-version: 5.4
import PackageDescription

/// libFuzzer supplies `main`, so no harness may have a top-level entry point. (Tools version 5.4
/// on purpose: from 5.5 SwiftPM renames each executable's entry point to `<Module>_main` and
/// points `main` at it, which leaves nothing for libFuzzer's own `main`.)
let harness: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

/// libFuzzer targets for Newsdesk's parsers, kept apart from the product so
/// the product's build never needs the sanitizer runtimes. Build and run them
/// with `scripts/fuzz.sh`; every target takes arbitrary bytes.
let package = Package(
    name: "newsdesk-fuzz",
    products: [
        .executable(name: "fuzz-extract", targets: ["FuzzExtract"]),
        .executable(name: "fuzz-feed", targets: ["FuzzFeed"]),
        .executable(name: "fuzz-opml", targets: ["FuzzOPML"]),
        .executable(name: "fuzz-charset", targets: ["FuzzCharset"]),
        .executable(name: "fuzz-text", targets: ["FuzzText"]),
        .executable(name: "fuzz-jsonld", targets: ["FuzzJSONLD"]),
        .executable(name: "fuzz-sanitizer", targets: ["FuzzSanitizer"]),
        .executable(name: "fuzz-url", targets: ["FuzzURL"]),
    ],
    dependencies: [
        // Named, so the products resolve whatever the checkout folder is called.
        .package(name: "newsdesk", path: "..")
    ],
    targets: [
        .executableTarget(
            name: "FuzzExtract", dependencies: [.product(name: "NewsdeskExtract", package: "newsdesk")],
            swiftSettings: harness),
        .executableTarget(
            name: "FuzzFeed", dependencies: [.product(name: "NewsdeskFeed", package: "newsdesk")],
            swiftSettings: harness),
        .executableTarget(
            name: "FuzzOPML", dependencies: [.product(name: "NewsdeskFeed", package: "newsdesk")],
            swiftSettings: harness),
        .executableTarget(
            name: "FuzzCharset", dependencies: [.product(name: "NewsdeskHTML", package: "newsdesk")],
            swiftSettings: harness),
        .executableTarget(
            name: "FuzzText", dependencies: [.product(name: "NewsdeskCheck", package: "newsdesk")],
            swiftSettings: harness),
        .executableTarget(
            name: "FuzzJSONLD", dependencies: [.product(name: "NewsdeskExtract", package: "newsdesk")],
            swiftSettings: harness),
        .executableTarget(
            name: "FuzzSanitizer", dependencies: [.product(name: "NewsdeskHTML", package: "newsdesk")],
            swiftSettings: harness),
        .executableTarget(
            name: "FuzzURL",
            dependencies: [
                .product(name: "NewsdeskHTML", package: "newsdesk"),
                .product(name: "NewsdeskFetch", package: "newsdesk"),
            ],
            swiftSettings: harness),
    ]
)
