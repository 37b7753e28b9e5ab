// jest-dom matchers for renderer tests; harmless in Node-environment tests.
import '@testing-library/jest-dom/vitest';
