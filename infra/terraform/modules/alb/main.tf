# One public ALB. HTTP redirects to HTTPS; the HTTPS listener forwards by path using the rules of
# infra/routing.json (passed in as var.rules) and answers a fixed 404 otherwise.

#tfsec:ignore:aws-elb-alb-not-public Public entry point of the platform (REST, WebSockets, provider webhooks).
resource "aws_lb" "this" {
  name                       = var.name_prefix
  load_balancer_type         = "application"
  internal                   = false
  security_groups            = [var.security_group_id]
  subnets                    = var.public_subnet_ids
  idle_timeout               = var.idle_timeout
  drop_invalid_header_fields = true
  enable_deletion_protection = var.deletion_protection
  enable_http2               = true

  dynamic "access_logs" {
    for_each = var.access_logs_bucket == "" ? [] : [var.access_logs_bucket]

    content {
      bucket  = access_logs.value
      prefix  = var.name_prefix
      enabled = true
    }
  }
}

resource "aws_lb_target_group" "service" {
  for_each = var.service_ports

  name                 = "${var.name_prefix}-${each.key}"
  port                 = each.value
  protocol             = "HTTP"
  protocol_version     = "HTTP1"
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = lookup(var.deregistration_delay_seconds, each.key, 30)

  health_check {
    enabled             = true
    protocol            = "HTTP"
    port                = "traffic-port"
    path                = var.health_check.path
    matcher             = var.health_check.matcher
    interval            = var.health_check.interval_seconds
    timeout             = var.health_check.timeout_seconds
    healthy_threshold   = var.health_check.healthy_threshold
    unhealthy_threshold = var.health_check.unhealthy_threshold
  }

  dynamic "stickiness" {
    for_each = contains(var.sticky_services, each.key) ? [var.stickiness_duration_seconds] : []

    content {
      type            = "lb_cookie"
      enabled         = true
      cookie_duration = stickiness.value
    }
  }

  tags = {
    Service = each.key
  }
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy
  certificate_arn   = var.certificate_arn

  default_action {
    type = "fixed-response"

    fixed_response {
      content_type = var.default_action.content_type
      message_body = var.default_action.body
      status_code  = tostring(var.default_action.status_code)
    }
  }
}

# One rule per routing.json rule, keyed by priority. ALB evaluates ascending priority, first match
# wins, so "/v1/realtime/*" (20) is ahead of "/v1/*" (100).
resource "aws_lb_listener_rule" "route" {
  for_each = { for rule in var.rules : format("%05d", rule.priority) => rule }

  listener_arn = aws_lb_listener.https.arn
  priority     = each.value.priority

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.service[each.value.service].arn
  }

  condition {
    path_pattern {
      values = each.value.paths
    }
  }

  tags = {
    Service = each.value.service
  }

  lifecycle {
    precondition {
      condition     = lookup(var.service_ports, each.value.service, -1) == each.value.port
      error_message = "Rule ${each.value.priority} targets ${each.value.service} on ${each.value.port}, which is not that service's port in routing.json."
    }
  }
}
