/** GitHub Actions: the gate on every pull request, its SARIF for code scanning, the release folder kept. */
export function renderGithubWorkflow(): string {
  return `name: proofgate
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
  security-events: write
jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0 # the release class compares the base ref with HEAD
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npm ci
      - name: API contract check
        run: npx proofgate check-openapi --format github
      - name: SARIF for code scanning
        if: always()
        run: npx proofgate check-openapi --format sarif --out proofgate.sarif || true
      - uses: github/codeql-action/upload-sarif@v3
        if: always()
        with:
          sarif_file: proofgate.sarif
      - name: Production gate
        run: npx proofgate prod-gate --from origin/\${{ github.base_ref || 'main' }}
      - uses: actions/upload-artifact@v4
        if: always()
        with:
          name: proofgate-release
          path: proofgate-release/
`;
}

/** GitLab CI: the gate with its JUnit report attached to the merge request. */
export function renderGitlabCi(): string {
  return `# proofgate: include this file from .gitlab-ci.yml (include: local: .gitlab/proofgate.yml)
proofgate:
  image: node:20
  stage: test
  variables:
    GIT_DEPTH: 0 # the release class compares the base ref with HEAD
  script:
    - npm ci
    - npx proofgate check-openapi --format junit --out proofgate-openapi.junit.xml
    - npx proofgate prod-gate --from "origin/\${CI_MERGE_REQUEST_TARGET_BRANCH_NAME:-main}"
  artifacts:
    when: always
    paths:
      - proofgate-release/
    reports:
      junit:
        - proofgate-openapi.junit.xml
        - proofgate-release/report.junit.xml
`;
}
