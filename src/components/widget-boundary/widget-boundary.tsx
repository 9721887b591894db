import { Component, type ErrorInfo, type ReactNode } from 'react';

type WidgetBoundaryProps = {
  children: ReactNode;
  /** Shown instead of the widget when it fails; nothing by default, so the page reads as if it had none. */
  fallback?: ReactNode;
};

/** Keeps a secondary widget's failure (a carousel, a sidebar) from taking the whole page down. */
export class WidgetBoundary extends Component<WidgetBoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('A page widget failed and was hidden.', error, info.componentStack);
  }

  override render() {
    return this.state.failed ? (this.props.fallback ?? null) : this.props.children;
  }
}
