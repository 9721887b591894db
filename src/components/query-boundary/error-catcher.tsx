import { Component, type ReactNode } from 'react';
import { ErrorPanel } from '../error-panel/error-panel';

type ErrorCatcherProps = {
  title: string;
  onReset: () => void;
  resetKey: string;
  children: ReactNode;
};

type ErrorCatcherState = { error: unknown; failed: boolean; resetKey: string };

/** Catches a render or query error below it and offers a retry. */
export class ErrorCatcher extends Component<ErrorCatcherProps, ErrorCatcherState> {
  override state: ErrorCatcherState = { error: null, failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<ErrorCatcherState> {
    return { error, failed: true };
  }

  static getDerivedStateFromProps(
    props: ErrorCatcherProps,
    state: ErrorCatcherState,
  ): Partial<ErrorCatcherState> | null {
    return props.resetKey === state.resetKey ? null : { error: null, failed: false, resetKey: props.resetKey };
  }

  private readonly retry = () => {
    this.props.onReset();
    this.setState({ error: null, failed: false });
  };

  override render() {
    if (!this.state.failed) return this.props.children;
    return <ErrorPanel title={this.props.title} error={this.state.error} onRetry={this.retry} />;
  }
}
